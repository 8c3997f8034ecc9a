/** The web bundle loads the YAML and CSV files it carries as their text (esbuild's text loader). */
declare module "*.yaml" {
  const text: string;
  export default text;
}
declare module "*.csv" {
  const text: string;
  export default text;
}
