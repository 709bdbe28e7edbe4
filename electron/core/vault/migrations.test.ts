import { describe, expect, it } from 'vitest'
import { migrateProfilesDoc } from './migrations'

describe('migrateProfilesDoc', () => {
  it('migrates a v0 bare array to v1', () => {
    expect(migrateProfilesDoc([{ id: 'a' }])).toEqual({ doc: { schemaVersion: 1, activeProfileId: null, profiles: [{ id: 'a' }] }, migratedFrom: 0 })
  })
  it('migrates a v0 object without a version, keeping the active profile', () => {
    expect(migrateProfilesDoc({ activeProfileId: 'a', profiles: [] }).doc).toEqual({ schemaVersion: 1, activeProfileId: 'a', profiles: [] })
  })
  it('leaves v1 alone', () => {
    expect(migrateProfilesDoc({ schemaVersion: 1, activeProfileId: null, profiles: [] }).migratedFrom).toBeNull()
  })
  it('refuses a newer format without touching it', () => {
    expect(() => migrateProfilesDoc({ schemaVersion: 99, profiles: [] })).toThrow(expect.objectContaining({ code: 'profiles-newer-version' }))
  })
  it('calls a non-object broken', () => {
    expect(() => migrateProfilesDoc('x')).toThrow(/JSON object/)
  })
})
