using System;
using System.Collections.Generic;

namespace PortOutPasscode.Input
{
    /// <summary>
    /// The column (or property) names a row's number and passcode may have, and the one rule for picking among them,
    /// shared by -Path files and pipeline objects: the first name of the list that the row has, whatever order its
    /// columns are in.
    /// </summary>
    internal static class Columns
    {
        internal static readonly string[] Number = { "TelephoneNumber", "Tn", "Number", "PhoneNumber", "FullNumber" };
        internal static readonly string[] Passcode = { "Passcode", "PortOutPasscode", "Pin" };

        internal static string NumberList => string.Join(", ", Number);

        /// <summary>The index in <paramref name="names"/> of the first of <paramref name="candidates"/> it has (any case), or -1; <paramref name="others"/> counts the rest it also has.</summary>
        internal static int Pick(IReadOnlyList<string> names, string[] candidates, out int others)
        {
            var picked = -1;
            var pickedRank = int.MaxValue;
            others = 0;
            for (var i = 0; i < names.Count; i++)
            {
                var rank = RankOf(names[i], candidates);
                if (rank < 0) continue;
                if (rank < pickedRank)
                {
                    if (picked >= 0) others++;
                    picked = i;
                    pickedRank = rank;
                }
                else
                {
                    others++;
                }
            }
            return picked;
        }

        /// <summary>The position of the name in the list (any case), or -1.</summary>
        internal static int RankOf(string name, string[] candidates)
        {
            var trimmed = name?.Trim().Trim('"');
            for (var i = 0; i < candidates.Length; i++)
            {
                if (string.Equals(candidates[i], trimmed, StringComparison.OrdinalIgnoreCase)) return i;
            }
            return -1;
        }
    }
}
