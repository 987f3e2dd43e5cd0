using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Pictor.Api;
using Pictor.Configuration;
using Pictor.Storage;

namespace Pictor.Fuzz;

/// <summary>
/// The multipart receiver of <c>POST /original/{id}</c> (<see cref="UploadReceiver"/>). The input's first line is
/// the request's Content-Type, the rest its body: 4xx problems only, and the temp file it returns is the upload.
/// </summary>
public sealed class MultipartTarget : IFuzzTarget, IDisposable
{
    private readonly TempArea _temp;
    private readonly UploadReceiver _receiver;

    public MultipartTarget()
    {
        var data = Path.Combine(Path.GetTempPath(), $"pictor-fuzz-{Environment.ProcessId}");
        _temp = new TempArea(Options.Create(new PictorOptions { DataDirectory = data }));
        _receiver = new UploadReceiver(_temp, Options.Create(new LimitsOptions { MaxUploadBytes = 1 << 20 }));
    }


    public void Run(byte[] input)
    {
        var newline = Array.IndexOf(input, (byte)'\n');
        var contentType = newline < 0 ? "" : System.Text.Encoding.UTF8.GetString(input, 0, newline).TrimEnd('\r');
        var body = newline < 0 ? input : input[(newline + 1)..];
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        Refusals.AllowProblems(() =>
        {
            var path = _receiver.ReceiveMultipartAsync(context.Request, CancellationToken.None).GetAwaiter().GetResult();
            var length = new FileInfo(path).Length;
            File.Delete(path);
            if (length > body.Length) throw new InvalidOperationException($"received {length} bytes from a body of {body.Length}");
        });
    }

    public void Dispose() => _temp.Dispose();
}
