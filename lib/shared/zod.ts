import { z } from 'zod';

// [Note: zod without eval] zod 4 compiles object parsers with new Function
// when it may, and probes for that with Function("") on the first parse. The
// pages' CSP has no 'unsafe-eval', so the probe is a reported violation;
// jitless mode parses the same way without generated code. Every module that
// parses in the browser takes z from here, so the switch is set before any
// schema runs.
z.config({ jitless: true });

export { z };
