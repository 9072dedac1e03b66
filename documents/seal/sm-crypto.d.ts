// The part of sm-crypto 0.5 this project uses; the package ships no types of its own.
declare module 'sm-crypto' {
  export namespace sm2 {
    function getPublicKeyFromPrivateKey(privateKey: string): string;
    function generateKeyPairHex(): { privateKey: string; publicKey: string };
    function doSignature(
      msg: string | number[] | Uint8Array,
      privateKey: string,
      options?: { der?: boolean; hash?: boolean; publicKey?: string; userId?: string },
    ): string;
    function doVerifySignature(
      msg: string | number[] | Uint8Array,
      signHex: string,
      publicKey: string,
      options?: { der?: boolean; hash?: boolean; userId?: string },
    ): boolean;
  }
  export function sm3(input: string | ArrayLike<number>): string;
}
