using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;

namespace PortOutPasscode.Contract
{
    /// <summary>The XML contract of TN option orders and passcode look-ups (see docs/BANDWIDTH-API.md).</summary>
    internal static partial class TnOptionXml
    {
        /// <summary>Writes a create-order body in the element order of Bandwidth's examples, with no empty element.</summary>
        /// <summary><paramref name="toWire"/> spells each number as the base wants it (E.164 on v2); null: as given.</summary>
        public static void WriteOrderRequest(TnOptionOrderRequest request, Stream output, Func<string, string> toWire = null)
        {
            using (var writer = XmlWriter.Create(output, SafeXml.WriterSettings))
            {
                WriteOrderRequest(request, writer, toWire ?? (n => n));
            }
        }

        public static void WriteOrderRequest(TnOptionOrderRequest request, TextWriter output)
        {
            using (var writer = XmlWriter.Create(output, SafeXml.WriterSettings))
            {
                WriteOrderRequest(request, writer, n => n);
            }
        }

        /// <summary>Writes a passcode look-up body: &lt;TnList&gt;&lt;Tn&gt;…&lt;/Tn&gt;&lt;/TnList&gt;.</summary>
        public static void WriteTnList(IEnumerable<string> telephoneNumbers, Stream output)
        {
            if (telephoneNumbers == null) throw new ArgumentNullException(nameof(telephoneNumbers));
            using (var writer = XmlWriter.Create(output, SafeXml.WriterSettings))
            {
                writer.WriteStartElement("TnList");
                foreach (var number in telephoneNumbers)
                {
                    writer.WriteOptional("Tn", number);
                }
                writer.WriteEndElement();
            }
        }

        private static void WriteOrderRequest(TnOptionOrderRequest request, XmlWriter writer, Func<string, string> toWire)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (request.Groups == null || request.Groups.Count == 0)
            {
                throw new ArgumentException("A TN option order needs at least one TnOptionGroup.", nameof(request));
            }

            writer.WriteStartElement("TnOptionOrder");
            writer.WriteOptional("CustomerOrderId", request.CustomerOrderId);
            writer.WriteStartElement("TnOptionGroups");
            foreach (var group in request.Groups)
            {
                WriteGroup(group, writer, toWire);
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        private static void WriteGroup(TnOptionGroup group, XmlWriter writer, Func<string, string> toWire)
        {
            if (group == null) throw new ArgumentException("A TnOptionGroup of the order is null.");
            if (group.TelephoneNumbers == null || Array.TrueForAll(group.TelephoneNumbers, string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException("Every TnOptionGroup needs at least one telephone number.");
            }

            writer.WriteStartElement("TnOptionGroup");
            writer.WriteOptional("NumberFormat", group.NumberFormat);
            writer.WriteOptional("RPIDFormat", group.RPIDFormat);
            writer.WriteOptional("RewriteUser", group.RewriteUser);
            writer.WriteOptional("CallForward", group.CallForward);
            writer.WriteOptional("CallingNameDisplay", group.CallingNameDisplay);
            writer.WriteOptional("PortOutPasscode", group.PortOutPasscode);
            writer.WriteOptional("Protected", group.Protected);
            writer.WriteOptional("Sms", group.Sms);
            writer.WriteOptional("FinalDestinationURI", group.FinalDestinationURI);
            writer.WriteOptional("NNID", group.NNID);
            writer.WriteOptional("ESPID", group.ESPID);
            WriteA2pSettings(group.A2pSettings, writer);
            WriteOriginationRoutePlan(group.OriginationRoutePlan, writer);
            writer.WriteOptional("PindropEnabled", group.PindropEnabled);
            writer.WriteOptional("CallVerificationEnabled", group.CallVerificationEnabled);
            foreach (var unknown in group.UnknownElements ?? Array.Empty<System.Xml.Linq.XElement>())
            {
                unknown.WriteTo(writer);
            }
            writer.WriteStartElement("TelephoneNumbers");
            foreach (var number in group.TelephoneNumbers)
            {
                writer.WriteOptional("TelephoneNumber", toWire(number));
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        private static void WriteA2pSettings(A2pSettings settings, XmlWriter writer)
        {
            if (settings == null || !SafeXml.HasAnyValue(settings.MessageClass, settings.CampaignId, settings.Action)) return;
            writer.WriteStartElement("A2pSettings");
            writer.WriteOptional("MessageClass", settings.MessageClass);
            writer.WriteOptional("CampaignId", settings.CampaignId);
            writer.WriteOptional("Action", settings.Action);
            writer.WriteEndElement();
        }

        private static void WriteOriginationRoutePlan(OriginationRoutePlan plan, XmlWriter writer)
        {
            var routes = plan?.Routes ?? Array.Empty<OriginationRoute>();
            if (plan == null || (routes.Length == 0 && string.IsNullOrWhiteSpace(plan.Action))) return;
            writer.WriteStartElement("OriginationRoutePlan");
            foreach (var route in routes)
            {
                if (route == null || !SafeXml.HasAnyValue(route.Endpoint, route.Priority, route.Weight)) continue;
                writer.WriteStartElement("Route");
                writer.WriteOptional("Endpoint", route.Endpoint);
                writer.WriteOptional("Priority", route.Priority);
                writer.WriteOptional("Weight", route.Weight);
                writer.WriteEndElement();
            }
            writer.WriteOptional("Action", plan.Action);
            writer.WriteEndElement();
        }
    }
}
