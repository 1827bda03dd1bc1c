/** Events per timeline page: a screenful many times over, far below the API's limit of 1000. */
export const TIMELINE_PAGE_SIZE = 200;
