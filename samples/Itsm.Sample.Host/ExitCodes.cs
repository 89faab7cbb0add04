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

    /// <summary>The request was refused: the library forbade it (segregation of duties, missing authority), or the host will not run it (the tour on a used database). Not found and conflict have codes of their own.</summary>
    public const int Refused = 3;

    /// <summary>A record the request names does not exist (in the tenant given).</summary>
    public const int NotFound = 4;

    /// <summary>The request conflicts with the record's state (an illegal lifecycle transition, a stale version, a taken id, a schedule conflict).</summary>
    public const int Conflict = 5;

    /// <summary><c>store verify</c> found inconsistent records or broken audit links.</summary>
    public const int Inconsistent = 6;

    /// <summary>An unexpected fault.</summary>
    public const int Fault = 70;
}
