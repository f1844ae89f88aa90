using System.Collections.Generic;
using PortOutPasscode.Input;

namespace PortOutPasscode.Engine
{
    /// <summary>
    /// A row's place in a run as one long: which input it came from (the pipeline, a file) and its position there, so the
    /// duplicate check and the batcher keep a number's first row in eight bytes, and a message can still name the row.
    /// </summary>
    internal sealed class RowKeys
    {
        /// <summary>The low bits of a key are the position, the rest the source; SeenNumbers packs keys by the same split.</summary>
        internal const int PositionBits = 40;

        private const long Stride = 1L << PositionBits;
        private readonly List<InputSource> _sources = new List<InputSource>();

        internal long KeyOf(InputRow row)
        {
            var index = _sources.IndexOf(row.Source);
            if (index < 0)
            {
                index = _sources.Count;
                _sources.Add(row.Source);
            }
            return index * Stride + row.Position;
        }

        internal InputSource SourceOf(long key) => _sources[(int)(key / Stride)];

        internal static long PositionOf(long key) => key % Stride;

        /// <summary>How messages name the row ("Row 3", "line 3 of a.csv").</summary>
        internal string LabelOf(long key) => SourceOf(key).Reference(PositionOf(key));

        /// <summary>The error record's TargetObject for a number of that row, as its source gives one.</summary>
        internal object TargetOf(long key, string number) => SourceOf(key).TargetOf(PositionOf(key), number, number);
    }
}
