import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Adds `.openapi()` (parameter docs, component names) to zod's prototypes. Schemas import `z`
// from this module, so the extension is in place before any of them is built.
extendZodWithOpenApi(z);

export { z };
