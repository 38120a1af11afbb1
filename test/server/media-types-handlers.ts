/** Handlers of the media-types fixture that keep the last body a handler received (the form body tests share them). */
import type { MediaTypesHandlers } from "../fixtures/media-types/generated/src/server.js";
import type { Document } from "../fixtures/media-types/generated/src/types.js";

export const bodies: { last?: unknown } = {};

export const handlers: MediaTypesHandlers = {
  uploadDocument: ({ body }) => {
    bodies.last = body;
    return { status: 201, body: { id: "d1", title: "t" } as Document, headers: { Location: "/documents/d1" } };
  },
  createProfile: ({ body }) => {
    bodies.last = body;
    return { status: 201, body: { handle: body.handle } };
  },
  getDocumentContent: () => ({ status: 200, body: "x" }),
  deleteDocument: () => ({ status: 204 }),
};
