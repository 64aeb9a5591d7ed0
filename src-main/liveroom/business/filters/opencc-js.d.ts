/** `opencc-js` ships no types for its dictionaries: each is one string, `trad simp|trad simp|…`. */
declare module 'opencc-js/dict/TSCharacters' {
  const characters: string
  export default characters
}
