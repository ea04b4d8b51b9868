import { openDatabase } from '../../src/db/client.js'
import { seedReferenceData } from '../../src/seed/reference.js'
import { startRecordingAnswers, stopRecordingAnswers, undeclaredAnswers } from './answers.js'

/**
 * With TEST_DATABASE_URL, migrate the shared PostgreSQL once per run. Test files make their
 * own data under their own root union, so they can run in parallel on it.
 */
export default async function setup() {
  const answers = await startRecordingAnswers()
  // After every file: the statuses the API really gave must all be declared in docs/openapi.json.
  const teardown = async () => {
    try {
      const undeclared = await undeclaredAnswers(answers)
      if (undeclared.length > 0) {
        throw new Error(`The API answered statuses docs/openapi.json does not declare (add them to the route's contract):\n  ${undeclared.join('\n  ')}`)
      }
    } finally {
      await stopRecordingAnswers(answers)
    }
  }
  const url = process.env.TEST_DATABASE_URL
  if (!url) return teardown
  const handle = await openDatabase({ url, dataDir: '', poolSize: 2 })
  try {
    await handle.migrate()
    await seedReferenceData(handle.db)
  } finally {
    await handle.close()
  }
  return teardown
}
