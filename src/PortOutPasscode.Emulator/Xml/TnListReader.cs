using System.Xml;
using PortOutPasscode.Emulator.Domain;

namespace PortOutPasscode.Emulator.Xml;

/// <summary>Reads a passcode look-up body: &lt;TnList&gt;&lt;Tn&gt;…&lt;/Tn&gt;&lt;/TnList&gt;.</summary>
internal static class TnListReader
{
    public static (List<string>? Numbers, ApiError? Error) Read(Stream body)
    {
        try
        {
            using var reader = XmlReading.Open(body);
            if (!XmlReading.IsRoot(reader, "TnList"))
            {
                return (null, new ApiError(400, null, $"The request body must be a <TnList> document, not <{reader.LocalName}>."));
            }
            var numbers = new List<string>();
            XmlReading.ForEachChild(reader, child =>
            {
                if (child.LocalName == "Tn") numbers.Add(child.ReadElementContentAsString().Trim());
                else child.Skip();
            });
            XmlReading.ReadToEnd(reader);
            return (numbers, null);
        }
        catch (XmlException e)
        {
            return (null, OrderRequestReader.BadXml(e));
        }
    }
}
