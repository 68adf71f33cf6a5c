import { describe, expect, it } from 'vitest';
import { editDistance, fingerprint, foldForMatch, nameSkeleton, ngramFingerprint, similarity, surnameOf, titleKey } from '../src/index.js';

describe('match keys', () => {
  it('fold case, ё, punctuation and Latin diacritics, but not Cyrillic й', () => {
    expect(foldForMatch('Ёлки-палки : роман / А. Иванов.')).toBe('елки палки роман а иванов');
    expect(foldForMatch('Café Müller')).toBe('cafe muller');
    expect(foldForMatch('Мой край')).toBe('мой край');
  });

  it('put mixed-script words in their dominant script and restore Kazakh letters typed with look-alikes', () => {
    expect(foldForMatch('Кaзaхстан')).toBe('казахстан');
    expect(foldForMatch('Қазақ əдебиетi')).toBe('қазақ әдебиеті');
    expect(foldForMatch('Сhicago')).toBe('chicago');
  });

  it('strip a leading article from titles, but not a Kazakh or Russian first word', () => {
    expect(titleKey('The Old Man and the Sea')).toBe('old man and the sea');
    expect(titleKey("L'Étranger")).toBe('etranger');
    expect(titleKey('А мы с тобой')).toBe('а мы с тобой');
  });

  it('fingerprints ignore word order and repeats; n-gram fingerprints survive a misprint better', () => {
    expect(fingerprint('Абай жолы. Абай')).toBe(fingerprint('жолы Абай'));
    const a = ngramFingerprint('Қазақстан тарихы');
    const b = ngramFingerprint('Қазақтсан тарихы');
    expect(similarity(a, b, editDistance)).toBeGreaterThan(0.8);
  });

  it('give Kazakh, Russian and Latin spellings of a name one skeleton', () => {
    expect(nameSkeleton('Әуезов')).toBe(nameSkeleton('Ауэзов'));
    expect(nameSkeleton('Әуезов')).toBe(nameSkeleton('Auezov'));
    expect(nameSkeleton('Жұмабаев')).toBe(nameSkeleton('Zhumabaev'));
    expect(nameSkeleton('Жұмабаев')).toBe(nameSkeleton('Jumabaev'));
    expect(nameSkeleton('Толстой')).not.toBe(nameSkeleton('Толстых'));
  });

  it('take the surname from the usual heading forms', () => {
    expect(surnameOf('Әуезов, Мұхтар')).toBe('Әуезов');
    expect(surnameOf('Әуезов М. О.')).toBe('Әуезов');
  });
});
