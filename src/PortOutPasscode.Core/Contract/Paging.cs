using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PortOutPasscode.Contract
{
    /// <summary>One page of a cursor-paged collection: its items, the total the API reported, and the cursor of the next page.</summary>
    internal sealed class Page<T>
    {
        internal static readonly Page<T> Empty = new Page<T>(Array.Empty<T>(), 0, null);

        internal Page(IReadOnlyList<T> items, int? totalCount, string next)
        {
            Items = items;
            TotalCount = totalCount;
            Next = next;
        }

        internal IReadOnlyList<T> Items { get; }

        /// <summary>The total the API reported (TelephoneNumberCount, TotalCount), when it did.</summary>
        internal int? TotalCount { get; }

        /// <summary>The page value of the next link (a cursor: the id or number that begins that page); null on the last page.</summary>
        internal string Next { get; }
    }

    /// <summary>One answer of the TN option order list, with the total the API says matched (it lists at most 1,000).</summary>
    internal sealed class OrderList<T>
    {
        internal static readonly OrderList<T> Empty = new OrderList<T>(Array.Empty<T>(), 0);

        internal OrderList(IReadOnlyList<T> items, int? totalCount)
        {
            Items = items;
            TotalCount = totalCount;
        }

        internal IReadOnlyList<T> Items { get; }
        internal int? TotalCount { get; }
    }

    /// <summary>
    /// Bandwidth's pagination links: &lt;Links&gt;&lt;next&gt;Link=&lt;https://…?page=2012082912&amp;size=500&gt;;rel="next";&lt;/next&gt;.
    /// Only the next link's page value is taken: the request itself always goes to the connection's own base, so a link
    /// naming another host can never receive the credentials.
    /// </summary>
    internal static class PageLinks
    {
        /// <summary>The value the first page is asked for with ("The initial page is tagged with the ID 1").</summary>
        internal const string First = "1";

        private static readonly Regex Bracketed = new Regex("<([^>]*)>", RegexOptions.CultureInvariant);

        internal static string Next(XElement root) =>
            NextOf(root.Elements().FirstOrDefault(e => e.Is("Links")) ?? root.Descendants().FirstOrDefault(e => e.Is("Links")));

        /// <summary>The next page's cursor from a &lt;Links&gt; element (null when it has no next link).</summary>
        internal static string NextOf(XElement links)
        {
            var next = links?.Elements().FirstOrDefault(e => e.Is("next")).Text();
            return next == null ? null : PageOf(next);
        }

        /// <summary>The page query value of a link, given as Link=&lt;url&gt;;rel="next"; or as a bare URL; null when it has none.</summary>
        internal static string PageOf(string link)
        {
            var match = Bracketed.Match(link);
            var url = match.Success ? match.Groups[1].Value : link.Trim();
            var question = url.IndexOf('?');
            if (question < 0) return null;
            foreach (var pair in url.Substring(question + 1).Split('&'))
            {
                var equals = pair.IndexOf('=');
                if (equals <= 0) continue;
                if (string.Equals(Uri.UnescapeDataString(pair.Substring(0, equals)), "page", StringComparison.OrdinalIgnoreCase))
                {
                    var value = Uri.UnescapeDataString(pair.Substring(equals + 1).Replace('+', ' ')).Trim();
                    return value.Length == 0 ? null : value;
                }
            }
            return null;
        }
    }

    /// <summary>
    /// Walks a cursor-paged collection safely: follows each next link until there is none, and stops with an error rather
    /// than page forever when a server repeats a cursor, keeps filling pages past the total it reported, or hands out
    /// empty pages with a next link.
    /// </summary>
    internal sealed class PageWalk
    {
        /// <summary>Without a reported total, a walk of more pages than this is taken for a server that never ends.</summary>
        internal const int MaxPagesWithoutTotal = 100_000;

        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal) { PageLinks.First };
        private readonly string _what;
        private long _items;
        private int _pages;

        internal PageWalk(string what)
        {
            _what = what;
            Current = PageLinks.First;
        }

        /// <summary>The cursor to ask for next; null once the walk is over.</summary>
        internal string Current { get; private set; }

        internal long Items => _items;

        internal int Pages => _pages;

        /// <summary>Takes the answer to <see cref="Current"/> and moves on to the next cursor (or the end).</summary>
        internal void Advance<T>(Page<T> page)
        {
            _pages++;
            _items += page.Items.Count;
            if (page.Next == null || page.Items.Count == 0)
            {
                Current = null;
                return;
            }
            if (!_seen.Add(page.Next))
            {
                throw new BandwidthProtocolException(Messages.PageRepeats(_what, page.Next, _pages)) { Explained = true };
            }
            var bound = page.TotalCount.HasValue ? page.TotalCount.Value + (long)page.Items.Count : (long?)null;
            if ((bound.HasValue && _items > bound.Value) || (!bound.HasValue && _pages >= MaxPagesWithoutTotal))
            {
                throw new BandwidthProtocolException(Messages.PagingDoesNotEnd(_what, _items, page.TotalCount, _pages)) { Explained = true };
            }
            Current = page.Next;
        }
    }
}
