namespace Pictor.Fuzz;

/// <summary>
/// One parser under the fuzzer. <see cref="Run"/> returns normally for input the code accepts or refuses the way
/// it means to (a 4xx problem, the exceptions its caller turns into a clear refusal); anything else escapes and
/// is a finding: afl-fuzz records the input as a crash.
/// </summary>
public interface IFuzzTarget
{
    void Run(byte[] input);
}
