export { type CompiledEventPattern, compileEventPattern } from './compile-event-pattern';
export { EventBusError, EventDeliveryError, InvalidEventError, InvalidEventPatternError } from './errors';
export { type BusEvent, EventBus, type EventBusOptions, type EventTarget } from './event-bus';
export { matches } from './matches';
export { validatePattern } from './validate-pattern';
