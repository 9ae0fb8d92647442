/** The app version, sent as `User-Agent: OutageRadar/<version>`; a test keeps it equal to package.json. */
export const APP_VERSION = '0.1.0';
export const USER_AGENT = `OutageRadar/${APP_VERSION}`;
