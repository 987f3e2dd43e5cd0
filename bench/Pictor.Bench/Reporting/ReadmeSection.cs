using System.Text.RegularExpressions;
using Pictor.Bench.Running;

namespace Pictor.Bench.Reporting;

/// <summary>Keeps the README's results table the one the last run measured (between two marker comments).</summary>
public static partial class ReadmeSection
{
    private const string Begin = "<!-- bench:results -->";
    private const string End = "<!-- /bench:results -->";

    [GeneratedRegex($"{Begin}.*?{End}", RegexOptions.Singleline)]
    private static partial Regex Section();

    public static async Task UpdateAsync(string readme, string table, RunEnvironment environment)
    {
        if (!File.Exists(readme)) return;
        var text = await File.ReadAllTextAsync(readme);
        if (!Section().IsMatch(text)) return;
        var body = $"{Begin}\n{table}\nMeasured {environment.Started:yyyy-MM-dd} on {environment.Cores} cores ({environment.Cpu}); details in [bench/results/results.md](bench/results/results.md).\n{End}";
        await File.WriteAllTextAsync(readme, Section().Replace(text, body.Replace("$", "$$"), 1));
    }
}
