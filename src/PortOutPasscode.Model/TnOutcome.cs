namespace PortOutPasscode
{
    /// <summary>What became of one number of an order.</summary>
    public enum TnOutcomeKind
    {
        /// <summary>The passcode is set on the number now.</summary>
        Protected,
        /// <summary>The number already carried that passcode (5195): nothing needed changing.</summary>
        AlreadyProtected,
        /// <summary>The number carries no passcode now (it was removed, or it had none).</summary>
        Removed,
        /// <summary>An option other than the passcode was applied (orders this module did not send).</summary>
        Applied,
        /// <summary>Bandwidth did not do it for this number: Code and Description say why.</summary>
        Failed,
        /// <summary>The order was accepted but had not finished when the command stopped following it (-NoWait, a timeout, a stop).</summary>
        Pending,
    }

    /// <summary>One number's outcome in one order: a row of the report <c>$orders.Outcomes | Export-Csv</c> writes.</summary>
    public sealed class TnOutcome
    {
        public string TelephoneNumber { get; set; }
        public TnOutcomeKind Outcome { get; set; }

        /// <summary>Bandwidth's code (5076, 5195…), when it gave one.</summary>
        public string Code { get; set; }
        public string Description { get; set; }
        public string OrderId { get; set; }
        public string CustomerOrderId { get; set; }

        /// <summary>True for every outcome but Failed and Pending: the number is as the order asked.</summary>
        public bool Succeeded => Outcome != TnOutcomeKind.Failed && Outcome != TnOutcomeKind.Pending;

        public override string ToString() => Code == null ? $"{TelephoneNumber}: {Outcome}" : $"{TelephoneNumber}: {Outcome} ({Code})";
    }
}
