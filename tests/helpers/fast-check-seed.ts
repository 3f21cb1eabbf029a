/**
 * Property tests draw from one fixed seed so that a CI run is repeatable; set FC_SEED to
 * explore other draws (FC_SEED=random picks a new seed and prints it on failure).
 */
import fc from 'fast-check';

const chosen = process.env['FC_SEED'];
if (chosen !== 'random') fc.configureGlobal({ seed: chosen ? Number(chosen) : 20250112 });
