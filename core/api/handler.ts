/** The shape of a handler, and of one namespace's table of them (core/api/handlers/<namespace>.ts). */
import type { CoreContext } from '../kernel/context.js';
import type { Session } from '../kernel/session.js';
import type { MethodName, NamespaceName, Output, ParsedInput } from './contract/index.js';

/** A handler receives its input as the contract's schema parsed it. */
export type Handler<M extends MethodName> = (ctx: CoreContext, input: ParsedInput<M>, session: Session) => Output<M>;

/** Exactly the methods of namespace N, each with its handler: a missing one is a compile error. */
export type HandlersOf<N extends NamespaceName> = { [M in MethodName as M extends `${N}.${string}` ? M : never]: Handler<M> };
