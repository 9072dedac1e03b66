export * from './calendar-loading';
export * from './official-calendar.data';
export * from './working-days';
