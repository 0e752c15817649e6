export const probeMethods = {};

export const probeEvents = {};
