// The part of ua-parser-js 1.x (which ships no types) that device.ts uses.
declare module 'ua-parser-js' {
  interface Named {
    readonly name?: string;
    readonly version?: string;
  }
  namespace UAParser {
    interface IResult {
      readonly browser: Named;
      readonly os: Named;
      readonly device: { readonly type?: string; readonly vendor?: string; readonly model?: string };
    }
  }
  class UAParser {
    constructor(ua?: string);
    setUA(ua: string): this;
    getBrowser(): UAParser.IResult['browser'];
    getOS(): UAParser.IResult['os'];
    getDevice(): UAParser.IResult['device'];
  }
  export default UAParser;
}
