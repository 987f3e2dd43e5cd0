namespace Pictor.Cli;

/// <summary>Counts of outcomes, safe from parallel tasks, printed as "3 uploaded, 2 skipped, 1 failed".</summary>
public sealed class Tally(params string[] outcomes)
{
    private readonly Dictionary<string, int> _counts = outcomes.ToDictionary(o => o, _ => 0);

    public void Add(string outcome)
    {
        lock (_counts) _counts[outcome] = _counts.GetValueOrDefault(outcome) + 1;
    }

    public int this[string outcome]
    {
        get { lock (_counts) return _counts.GetValueOrDefault(outcome); }
    }

    public override string ToString()
    {
        lock (_counts) return string.Join(", ", _counts.Select(c => $"{c.Value} {c.Key}"));
    }
}
