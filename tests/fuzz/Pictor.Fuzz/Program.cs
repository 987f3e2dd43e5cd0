using SharpFuzz;

namespace Pictor.Fuzz;

/// <summary>
/// <c>Pictor.Fuzz TARGET</c> under afl-fuzz (with Pictor.dll instrumented by SharpFuzz; see ../run.sh) runs
/// the target in SharpFuzz's persistent loop on the inputs afl-fuzz sends. <c>Pictor.Fuzz TARGET FILE…</c>
/// runs it once per file and says what happened: how a finding is replayed.
/// </summary>
public static class Program
{
    /// <summary>By the names <c>run.sh</c> and the corpus folders use.</summary>
    private static readonly Dictionary<string, Func<IFuzzTarget>> Targets = new(StringComparer.Ordinal)
    {
        ["sniffer"] = () => new SnifferTarget(),
        ["gif-framing"] = () => new GifFramingTarget(),
        ["derived-name"] = () => new DerivedNameTarget(),
        ["options"] = () => new OptionsTarget(),
        ["multipart"] = () => new MultipartTarget(),
        ["pymager-legacy"] = () => new PymagerLegacyTarget(),
    };

    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Targets.TryGetValue(args[0], out var create))
        {
            Console.Error.WriteLine($"usage: Pictor.Fuzz TARGET [FILE…]; targets: {string.Join(", ", Targets.Keys)}");
            return 2;
        }
        NetVips.NetVips.BlockUntrusted = true;
        if (args.Length > 1)
        {
            GiveTraceSomewhereToGo();
            var target = create();
            var failed = 0;
            foreach (var file in args[1..])
            {
                try
                {
                    target.Run(File.ReadAllBytes(file));
                    Console.WriteLine($"ok {file}");
                }
                catch (Exception e)
                {
                    failed++;
                    Console.WriteLine($"FINDING {file}: {e}");
                }
            }
            return failed == 0 ? 0 : 1;
        }
        // Made on the first input, not before: a constructor that runs instrumented code (the options parser
        // parses its presets) before Fuzzer.Run has mapped afl-fuzz's coverage map would crash the fork server.
        IFuzzTarget? fuzzed = null;
        Fuzzer.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            fuzzed ??= create();
            fuzzed.Run(buffer.ToArray());
        });
        return 0;
    }

    /// <summary>
    /// Instrumented code counts every branch into afl-fuzz's shared coverage map; outside afl-fuzz there is none,
    /// and a replay on the instrumented build would die of an access violation before reaching the parser.
    /// </summary>
    private static unsafe void GiveTraceSomewhereToGo()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null) SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16);
    }
}
