namespace Itsm.Sample.Host;

/// <summary>The host's exit codes, the same for every subcommand.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Ok = 0;

    /// <summary>The command line itself was wrong (unknown option, missing argument).</summary>
    public const int Usage = 1;

    /// <summary>An input file or value was rejected; nothing was written.</summary>
    public const int InvalidInput = 2;

    /// <summary>The library refused the request (not found, conflict, forbidden).</summary>
    public const int Refused = 3;

    /// <summary>An unexpected fault.</summary>
    public const int Fault = 70;
}
