export { signBody, verifySignature, type SignatureCheck } from './signature.js';
export * from './whatsapp/index.js';
