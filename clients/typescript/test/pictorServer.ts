// vitest globalSetup: starts the built service (src/Pictor/bin/<configuration>/net10.0/Pictor.dll) as a child process
// on a free loopback port with a temporary data folder, as tests/Pictor.Tests/Infrastructure/PictorProcess.cs does
// for the .NET tests, waits for /healthz, and hands its address and keys to the tests through `inject("pictor")`.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

export interface PictorServer {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly readKey: string;
  readonly signingKey: string;
  readonly preset: string;
  readonly presetOptions: string;
  readonly repoRoot: string;
  readonly configuration: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    pictor: PictorServer;
  }
}

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
/** The build configuration of the service and CLI under test: PICTOR_CONFIGURATION, else Release (as scripts/test.sh builds). */
export const configuration = process.env["PICTOR_CONFIGURATION"] ?? "Release";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dll = join(repoRoot, "src", "Pictor", "bin", configuration, "net10.0", "Pictor.dll");
  if (!existsSync(dll)) throw new Error(`Build the service first (dotnet build Pictor.slnx -c ${configuration}): ${dll} is missing.`);
  const data = mkdtempSync(join(tmpdir(), "pictor-ts-"));
  const server = {
    apiKey: "ts-client-api-key-0123456789",
    readKey: "ts-client-read-key-0123",
    signingKey: "ts-client-signing-key",
    preset: "thumb",
    presetOptions: "w_120,h_80",
  };
  const settings: Record<string, string> = {
    "Pictor:DataDirectory": data,
    "Pictor:ApiKeys:0": server.apiKey,
    "Pictor:Keys:0:Key": server.readKey,
    "Pictor:Keys:0:Scope": "read",
    "Pictor:Signing:Keys:0": server.signingKey,
    "Pictor:Signing:Required": "true",
    [`Pictor:Presets:${server.preset}`]: server.presetOptions,
    "Pictor:Auth:FailuresPerMinute": "0",
    "Pictor:Consistency:SweepIntervalSeconds": "3600",
  };

  let child: ChildProcess | undefined;
  let log = "";
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
      ASPNETCORE_ENVIRONMENT: "Production",
      Logging__LogLevel__Default: "Warning",
    };
    for (const [key, value] of Object.entries(settings)) env[key.replaceAll(":", "__")] = value;
    log = "";
    child = spawn("dotnet", ["exec", dll], { cwd: dirname(dll), env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      await waitHealthy(baseUrl, child, () => log, 60_000);
      project.provide("pictor", { ...server, baseUrl, repoRoot, configuration });
      break;
    } catch (e) {
      await stop(child);
      // The free port was taken in the meantime: try another.
      if (attempt < 5 && /address already in use/i.test(log)) continue;
      rmSync(data, { recursive: true, force: true });
      throw e;
    }
  }
  const started = child;
  const killOnExit = () => started.kill("SIGKILL");
  process.on("exit", killOnExit); // vitest ending abruptly must not leave the service running

  return async () => {
    process.off("exit", killOnExit);
    await stop(started);
    rmSync(data, { recursive: true, force: true });
  };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const listener = createServer();
    listener.once("error", reject);
    listener.listen(0, "127.0.0.1", () => {
      const { port } = listener.address() as { port: number };
      listener.close(() => resolvePort(port));
    });
  });
}

async function waitHealthy(baseUrl: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Pictor exited with ${child.exitCode} while starting:\n${log()}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Pictor did not answer /healthz within ${timeoutMs / 1000} s:\n${log()}`);
}

/** SIGTERM (it drains and exits), then SIGKILL after 15 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}
