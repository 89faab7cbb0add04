namespace Itsm.Core.Problems;

public static partial class ProblemCandidates
{
    /// <summary>A set of incident positions (ascending), a stretch of an array, compared by content.</summary>
    private readonly struct MemberSet(int[] source, int start, int length) : IEquatable<MemberSet>
    {
        private readonly int hash = Hash(source.AsSpan(start, length));

        /// <summary>The positions; the whole array only for an owned set (<see cref="Own"/>).</summary>
        public int[] Members => source;

        private ReadOnlySpan<int> Span => source.AsSpan(start, length);

        /// <summary>This set over an array of its own.</summary>
        public MemberSet Own() => new(Span.ToArray(), 0, length);

        public bool Equals(MemberSet other) => hash == other.hash && Span.SequenceEqual(other.Span);

        public override bool Equals(object? obj) => obj is MemberSet other && Equals(other);

        public override int GetHashCode() => hash;

        private static int Hash(ReadOnlySpan<int> members)
        {
            var h = default(HashCode);
            foreach (var m in members)
            {
                h.Add(m);
            }

            return h.ToHashCode();
        }
    }
}
