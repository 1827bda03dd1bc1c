import { failureRoute } from '@/lib/http/failure-route';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = failureRoute('skip');
