using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace PortOutPasscode.Input
{
    /// <summary>
    /// Strong port-out PINs from the operating system's cryptographic generator. Each character is drawn uniformly from
    /// its alphabet by rejection sampling (a byte that would favour the first characters is thrown away, never folded in
    /// by modulo), and a PIN that <see cref="PinRules"/> calls trivial is drawn again.
    /// </summary>
    internal sealed class PinGenerator : IDisposable
    {
        /// <summary>What winning carriers' port request forms take most reliably.</summary>
        internal const string Digits = "0123456789";

        /// <summary>
        /// Digits and capital letters without the ones read or heard as another (0/O, 1/I/L): a PIN is read out to an end
        /// customer and typed into another carrier's form, where case may not survive.
        /// </summary>
        internal const string Alphanumeric = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

        internal const int DefaultLength = 8;

        /// <summary>Draws for one PIN before concluding that the rules leave (almost) none of this length.</summary>
        internal const int MaxDrawsPerPin = 100_000;

        private readonly RandomNumberGenerator _random;
        private readonly byte[] _buffer = new byte[256];
        private int _next;

        /// <param name="random">The source of random bytes; the system's cryptographic generator unless a test scripts one.</param>
        internal PinGenerator(RandomNumberGenerator random = null)
        {
            _random = random ?? RandomNumberGenerator.Create();
            _next = _buffer.Length;
        }

        /// <summary>
        /// <paramref name="count"/> distinct PINs, none trivial, none holding a part of <paramref name="tenDigitNumbers"/>.
        /// Throws <see cref="InvalidOperationException"/> when the rules leave too few PINs of that length and alphabet.
        /// </summary>
        internal IReadOnlyList<string> Generate(int count, int length, bool alphanumeric, IEnumerable<string> tenDigitNumbers)
        {
            if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "At least one PIN must be asked for.");
            if (length < Passcodes.MinLength || length > Passcodes.MaxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length, $"A PIN has {Passcodes.MinLength} to {Passcodes.MaxLength} characters.");
            }
            var alphabet = alphanumeric ? Alphanumeric : Digits;
            var parts = PinRules.PartsOf(tenDigitNumbers);
            var pins = new List<string>(count);
            var drawn = new HashSet<string>(StringComparer.Ordinal);
            var characters = new char[length];
            while (pins.Count < count)
            {
                var draws = 0;
                while (true)
                {
                    if (++draws > MaxDrawsPerPin)
                    {
                        throw new InvalidOperationException(Messages.NoStrongPinLeft(length, alphanumeric, pins.Count, count, parts.Count > 0));
                    }
                    for (var i = 0; i < length; i++) characters[i] = alphabet[NextIndex(alphabet.Length)];
                    var pin = new string(characters);
                    if (PinRules.IsTrivial(pin, parts) || !drawn.Add(pin)) continue;
                    pins.Add(pin);
                    break;
                }
            }
            Array.Clear(characters, 0, characters.Length);
            return pins;
        }

        /// <summary>A uniform index below <paramref name="size"/> (at most 256): bytes at or above the largest multiple of it are rejected.</summary>
        internal int NextIndex(int size)
        {
            var limit = 256 - (256 % size);
            while (true)
            {
                var value = NextByte();
                if (value < limit) return value % size;
            }
        }

        private byte NextByte()
        {
            if (_next == _buffer.Length)
            {
                _random.GetBytes(_buffer);
                _next = 0;
            }
            return _buffer[_next++];
        }

        public void Dispose()
        {
            Array.Clear(_buffer, 0, _buffer.Length);
            _random.Dispose();
        }
    }
}
