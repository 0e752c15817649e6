export const sitesMethods = {};

export const sitesEvents = {};
