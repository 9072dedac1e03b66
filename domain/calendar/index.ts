export * from './official-calendar.data';
export * from './working-days';
