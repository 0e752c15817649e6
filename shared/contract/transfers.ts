export const transfersMethods = {};

export const transfersEvents = {};
