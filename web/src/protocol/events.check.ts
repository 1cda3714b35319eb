/**
 * The Java ↔ TypeScript event contract, checked by the compiler (`tsc --noEmit`, part of
 * `npm run build`); nothing here runs.
 *
 * events.generated.ts is written by a server test from the Java records: every event kind and
 * frame type the server can send, and one example of each. Its examples are typed as the unions
 * of events.ts, so an unknown kind, a missing member or a wrong type already fails to compile.
 * What typing alone cannot catch is a member of a union that the server never sends, or a kind
 * the server sends that has no member here: each line below fails, naming the kind, when a
 * list and a union differ ("Type '"x.y"' does not satisfy the constraint 'never'").
 */
import type { ConversationEvent, ServerFrame, UserEvent } from './events';
import type { conversationEventKinds, serverFrameTypes, userEventKinds } from './events.generated';

/** Compiles only when T is empty: the kinds on one side that the other side lacks. */
type NoneMissing<T extends never> = T;

type JavaConversationKinds = (typeof conversationEventKinds)[number];
type JavaUserKinds = (typeof userEventKinds)[number];
type JavaFrameTypes = (typeof serverFrameTypes)[number];

export type ConversationKindsTheServerLacks = NoneMissing<Exclude<ConversationEvent['kind'], JavaConversationKinds>>;
export type ConversationKindsTypeScriptLacks = NoneMissing<Exclude<JavaConversationKinds, ConversationEvent['kind']>>;

export type UserKindsTheServerLacks = NoneMissing<Exclude<UserEvent['kind'], JavaUserKinds>>;
export type UserKindsTypeScriptLacks = NoneMissing<Exclude<JavaUserKinds, UserEvent['kind']>>;

export type FrameTypesTheServerLacks = NoneMissing<Exclude<ServerFrame['type'], JavaFrameTypes>>;
export type FrameTypesTypeScriptLacks = NoneMissing<Exclude<JavaFrameTypes, ServerFrame['type']>>;
