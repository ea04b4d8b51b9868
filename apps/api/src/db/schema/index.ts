export * from './unions.schema.js'
export * from './users.schema.js'
export * from './audit.schema.js'
