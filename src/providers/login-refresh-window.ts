/** botocore and the JS SDK refresh an `aws login` session 5 minutes before its credentials expire. */
export const loginRefreshWindowMs = 5 * 60 * 1000;
