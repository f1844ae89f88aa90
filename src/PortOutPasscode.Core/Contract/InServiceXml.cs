using System.IO;
using System.Linq;

namespace PortOutPasscode.Contract
{
    /// <summary>The account's in-service numbers (GET inserviceNumbers): &lt;TNs&gt;&lt;TotalCount/&gt;&lt;Links/&gt;&lt;TelephoneNumbers&gt;&lt;Count/&gt;&lt;TelephoneNumber/&gt;….</summary>
    internal static class InServiceXml
    {
        internal static Page<string> ReadPage(Stream input)
        {
            var root = SafeXml.LoadRoot(input);
            if (!root.Is("TNs")) throw TnOptionXml.Unexpected(root, "a TNs list of in-service numbers");
            var numbers = root.Children("TelephoneNumbers").SelectMany(list => list.Children("TelephoneNumber"))
                .Select(SafeXml.Text).Where(n => n != null).Select(Wire.ToTenDigits).ToList();
            return new Page<string>(numbers, SafeXml.ParseInt(root.ChildText("TotalCount")), PageLinks.Next(root));
        }

        /// <summary>GET inserviceNumbers/totals: &lt;Quantity&gt;&lt;Count&gt;62&lt;/Count&gt;&lt;/Quantity&gt;.</summary>
        internal static long? ReadTotal(Stream input)
        {
            var root = SafeXml.LoadRoot(input);
            return long.TryParse(root.Is("Count") ? root.Text() : root.ChildText("Count"), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : (long?)null;
        }
    }
}
