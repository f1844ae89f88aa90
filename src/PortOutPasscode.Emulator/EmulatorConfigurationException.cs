namespace PortOutPasscode.Emulator;

/// <summary>The emulator was given options it cannot run with; the message says which and why.</summary>
public sealed class EmulatorConfigurationException : ArgumentException
{
    public EmulatorConfigurationException(string message) : base(message)
    {
    }
}
