import { XMLParser, XMLBuilder, XMLValidator } from "fast-xml-parser";
const xml = '<?xml version="1.0"?><catalog><book id="b1" lang="en"><title>JS &amp; You</title><price>29.99</price></book><book id="b2"><title>Go</title><price>10</price></book></catalog>';
const obj = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(xml);
console.log(JSON.stringify(obj));
console.log(new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@", format: true }).build(obj));
console.log(JSON.stringify(XMLValidator.validate("<a><b></a>")));
