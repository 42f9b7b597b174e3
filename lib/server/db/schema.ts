import 'server-only';
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Tables are added by later migrations (accounts, files, shares); this one
// records facts about the installation itself, e.g. when it was created, so
// a restart can be shown to keep the database.
export const instance = pgTable('instance', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
