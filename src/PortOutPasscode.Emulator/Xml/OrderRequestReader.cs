using System.Xml;
using System.Xml.Linq;
using PortOutPasscode.Emulator.Domain;

namespace PortOutPasscode.Emulator.Xml;

/// <summary>Reads a create request (&lt;TnOptionOrder&gt;) in one streaming pass; option elements are kept as XElements to echo.</summary>
internal static class OrderRequestReader
{
    public static (OrderRequest? Request, ApiError? Error) Read(Stream body)
    {
        try
        {
            using var reader = XmlReading.Open(body);
            if (!XmlReading.IsRoot(reader, "TnOptionOrder"))
            {
                return (null, new ApiError(400, null, $"The request body must be a <TnOptionOrder> document, not <{reader.LocalName}>."));
            }
            var request = new OrderRequest();
            XmlReading.ForEachChild(reader, child =>
            {
                switch (child.LocalName)
                {
                    case "CustomerOrderId":
                        request.CustomerOrderId = child.ReadElementContentAsString().Trim();
                        break;
                    case "TnOptionGroups":
                        XmlReading.ForEachChild(child, group =>
                        {
                            if (group.LocalName == "TnOptionGroup") request.Groups.Add(ReadGroup(group));
                            else group.Skip();
                        });
                        break;
                    default:
                        child.Skip();
                        break;
                }
            });
            XmlReading.ReadToEnd(reader);
            return (request, null);
        }
        catch (XmlException e)
        {
            return (null, BadXml(e));
        }
    }

    public static ApiError BadXml(XmlException e) => new(400, null, "The request body is not well-formed XML: " + e.Message);

    private static OrderRequestGroup ReadGroup(XmlReader reader)
    {
        var group = new OrderRequestGroup();
        XmlReading.ForEachChild(reader, child =>
        {
            if (child.LocalName == "TelephoneNumbers")
            {
                XmlReading.ForEachChild(child, number =>
                {
                    if (number.LocalName == "TelephoneNumber") group.Numbers.Add(number.ReadElementContentAsString().Trim());
                    else number.Skip();
                });
                return;
            }
            var option = (XElement)XNode.ReadFrom(child);
            group.Options.Add(option);
            if (option.Name.LocalName == "PortOutPasscode")
            {
                group.Passcode = option.Value.Trim();
                group.PasscodeElements++;
            }
        });
        return group;
    }
}
