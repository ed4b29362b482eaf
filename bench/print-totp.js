// credo_mfa_process for the benchmark's stampede: the emulated hub's current TOTP code.
import process from "node:process";
import { totp } from "../dist/emulator/totp.js";

process.stdout.write(`${totp(process.argv[2] ?? "", Date.now())}\n`);
