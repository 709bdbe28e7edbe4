import { describe, expect, it } from 'vitest'
import { migrateProfilesDoc } from './migrations'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('migrateProfilesDoc', () => {
  it('migrates a v0 bare array to v2, with a new store ID and its old secrets still to move', () => {
    const { doc, migratedFrom } = migrateProfilesDoc([{ id: 'a' }])
    expect(migratedFrom).toBe(0)
    expect(doc).toEqual({ schemaVersion: 2, storeId: expect.stringMatching(UUID), legacySecrets: true, activeProfileId: null, profiles: [{ id: 'a' }] })
  })
  it('migrates a v0 object without a version, keeping the active profile', () => {
    expect(migrateProfilesDoc({ activeProfileId: 'a', profiles: [] }).doc).toMatchObject({ schemaVersion: 2, activeProfileId: 'a', profiles: [] })
  })
  it('migrates v1 to v2: a store ID of its own, each time a different one', () => {
    const v1 = { schemaVersion: 1, activeProfileId: null, profiles: [] }
    const a = migrateProfilesDoc(v1)
    expect(a).toMatchObject({ migratedFrom: 1, doc: { schemaVersion: 2, legacySecrets: true } })
    expect(a.doc.storeId).not.toBe(migrateProfilesDoc(v1).doc.storeId)
  })
  it('leaves v2 alone', () => {
    const doc = { schemaVersion: 2, storeId: '11111111-1111-4111-8111-111111111111', activeProfileId: null, profiles: [] }
    expect(migrateProfilesDoc(doc)).toEqual({ doc, migratedFrom: null })
  })
  it('refuses a newer format without touching it', () => {
    expect(() => migrateProfilesDoc({ schemaVersion: 99, profiles: [] })).toThrow(expect.objectContaining({ code: 'profiles-newer-version' }))
  })
  it('calls a non-object broken', () => {
    expect(() => migrateProfilesDoc('x')).toThrow(/JSON object/)
  })
})
