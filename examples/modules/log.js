// Shared by every module here: each records when its body runs.
export const order = [];
