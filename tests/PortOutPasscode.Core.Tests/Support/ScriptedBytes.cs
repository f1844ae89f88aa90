using System.Security.Cryptography;

namespace PortOutPasscode.Core.Tests.Support;

/// <summary>A byte source that hands out a script, then zeros: PINs a test chooses, through the real generator.</summary>
internal sealed class ScriptedBytes : RandomNumberGenerator
{
    private readonly Queue<byte> _bytes;

    internal ScriptedBytes(IEnumerable<byte> bytes) => _bytes = new Queue<byte>(bytes);

    /// <summary>Digits as the generator draws them (a byte below 250 is its value modulo 10).</summary>
    internal static ScriptedBytes Digits(params string[] pins) => new(pins.SelectMany(p => p.Select(c => (byte)(c - '0'))));

    public override void GetBytes(byte[] data)
    {
        for (var i = 0; i < data.Length; i++) data[i] = _bytes.Count > 0 ? _bytes.Dequeue() : (byte)0;
    }
}
