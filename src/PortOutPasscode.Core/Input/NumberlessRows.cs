using System.Collections.Generic;

namespace PortOutPasscode.Input
{
    /// <summary>
    /// Pipeline rows that have no number property at all: the first is reported with the properties it had, the rest are
    /// counted and named by one closing failure. Wrong columns are one mistake of the whole input, not thousands of errors.
    /// </summary>
    internal sealed class NumberlessRows
    {
        private long _count;
        private string _firstCounted;
        private string _last;

        /// <summary>The failure to report for this row when it is the first; null when it is only counted.</summary>
        internal InputRowException Add(InputRow row, IEnumerable<string> properties)
        {
            if (_count++ == 0)
            {
                return new InputRowException(InputRowProblem.NoTelephoneNumber, row.Label, null, Messages.RowsHaveNoNumberProperty(row.Label, properties));
            }
            _firstCounted = _firstCounted ?? row.Label;
            _last = row.Label;
            return null;
        }

        /// <summary>One failure for every row after the first, once the input has ended; null when there were none.</summary>
        internal InputRowException Closing() =>
            _count > 1
                ? new InputRowException(InputRowProblem.NoTelephoneNumber, _last, null, Messages.MoreRowsHadNoNumberProperty(_count - 1, _firstCounted, _last))
                : null;
    }
}
