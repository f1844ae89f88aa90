using System;

namespace PortOutPasscode
{
    /// <summary>An order was still open when -TimeoutSec ran out.</summary>
    public sealed class OrderWaitTimeoutException : TimeoutException
    {
        public OrderWaitTimeoutException(TnOptionOrder lastSeen)
            : base($"Order {lastSeen.OrderId} ({lastSeen.CustomerOrderId}) was still {lastSeen.ProcessingStatus} when the wait timed out. It goes on at Bandwidth; check it later with Get-BwTnOptionOrder -OrderId {lastSeen.OrderId} or wait again with Wait-BwTnOptionOrder.")
        {
            LastSeen = lastSeen;
        }

        public TnOptionOrder LastSeen { get; }
    }
}

namespace PortOutPasscode
{
    /// <summary>An order was created, but following it to its end failed (the network, Bandwidth's answers): it is output as last seen.</summary>
    public sealed class OrderWaitFailedException : Exception
    {
        public OrderWaitFailedException(TnOptionOrder lastSeen, Exception innerException)
            : base($"Order {lastSeen.OrderId} ({lastSeen.CustomerOrderId}) was created, but waiting for it failed: {innerException.Message} It goes on at Bandwidth; check it with Get-BwTnOptionOrder -OrderId {lastSeen.OrderId}.", innerException)
        {
            LastSeen = lastSeen;
        }

        public TnOptionOrder LastSeen { get; }
    }
}
