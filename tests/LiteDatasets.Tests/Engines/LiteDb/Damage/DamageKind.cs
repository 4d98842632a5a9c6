namespace LiteDatasets.Tests.Engines.LiteDb.Damage;

/// <summary>How a damage case breaks a store file.</summary>
public enum DamageKind
{
    /// <summary>One whole page overwritten with random bytes.</summary>
    RandomPage,

    /// <summary>One whole page overwritten with zeros (a block the disk lost).</summary>
    ZeroPage,

    /// <summary>One page overwritten with a copy of another page of the file (a misdirected write).</summary>
    CopiedPage,

    /// <summary>One byte at a random offset changed to another value.</summary>
    OneByte,
}
