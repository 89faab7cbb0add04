using System.Collections;
using System.Collections.Immutable;

namespace Itsm.Core.Common;

/// <summary>
/// How the library reached an answer, in two forms: readable <see cref="Lines"/> for a person, and the
/// structured <see cref="Factors"/> behind them for a program. Every explained answer of the library
/// (a priority decision, a risk assessment, an impact path) explains itself through this one type.
/// </summary>
/// <typeparam name="TFactor">The structured factor of this kind of answer, such as <c>RiskContribution</c>.</typeparam>
/// <remarks>
/// Immutable and thread-safe. It is the list of its lines (so <c>explanation[0]</c> is the first line and
/// <c>foreach</c> reads them in order); <see cref="ToString"/> prints one line per line of the explanation.
/// Two explanations are equal when their lines and factors are equal, in order. An explanation the library builds
/// for a large answer (such as a problem candidate's) may form its factors and lines on first read; either way they are
/// formed once and every read sees the same values.
/// </remarks>
public sealed class Explanation<TFactor> : IReadOnlyList<string>, IEquatable<Explanation<TFactor>>
{
    private readonly Func<ImmutableArray<TFactor>>? factorSource;
    private readonly Func<ImmutableArray<TFactor>, ImmutableArray<string>>? lineSource;
    private ImmutableArray<string> lines;
    private ImmutableArray<TFactor> factors;

    /// <summary>Creates an explanation from its lines and factors.</summary>
    /// <param name="lines">The lines a person reads, in order; none may be null.</param>
    /// <param name="factors">The structured factors, in a stable order.</param>
    /// <exception cref="ArgumentNullException">A collection or a line is null.</exception>
    public Explanation(IEnumerable<string> lines, IEnumerable<TFactor> factors)
    {
        Preconditions.CheckNotNull(lines);
        Preconditions.CheckNotNull(factors);
        this.lines = [.. lines.Select(l => Preconditions.CheckNotNull(l, nameof(lines)))];
        this.factors = [.. factors];
    }

    /// <summary>
    /// An explanation formed on first read: <paramref name="factors"/> gives the factors, and <paramref name="lines"/> the
    /// lines from them. Each runs at most once per thread that races to read first; the first answer stored wins, so the
    /// two must be pure.
    /// </summary>
    internal Explanation(Func<ImmutableArray<TFactor>> factors, Func<ImmutableArray<TFactor>, ImmutableArray<string>> lines)
    {
        factorSource = factors;
        lineSource = lines;
    }

    /// <summary>The readable lines, in order.</summary>
    public ImmutableArray<string> Lines
    {
        get
        {
            if (lines.IsDefault)
            {
                ImmutableInterlocked.InterlockedInitialize(ref lines, lineSource!(Factors));
            }

            return lines;
        }
    }

    /// <summary>The structured factors behind the lines, in a stable order.</summary>
    public ImmutableArray<TFactor> Factors
    {
        get
        {
            if (factors.IsDefault)
            {
                ImmutableInterlocked.InterlockedInitialize(ref factors, factorSource!());
            }

            return factors;
        }
    }

    /// <summary>The number of lines.</summary>
    public int Count => Lines.Length;

    /// <summary>True when there is nothing to explain (no lines).</summary>
    public bool IsEmpty => Lines.IsEmpty;

    /// <summary>The line at <paramref name="index"/>.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is outside the lines.</exception>
    public string this[int index] => Lines[index];

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Lines).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(Explanation<TFactor>? other) =>
        other is not null && Lines.SequenceEqual(other.Lines) && Factors.SequenceEqual(other.Factors);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Explanation<TFactor>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var line in Lines)
        {
            hash.Add(line, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The lines, one per line of text (joined with <see cref="Environment.NewLine"/>).</summary>
    public override string ToString() => string.Join(Environment.NewLine, Lines);
}
