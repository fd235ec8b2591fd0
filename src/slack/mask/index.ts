/** Phone numbers hidden for Slack (SHOW_PHONE_NUMBERS=false): one number, free text, a whole report. */
export { maskPhone, maskPhonesInText } from './mask-phone.js';
export { maskReportPhones } from './mask-report-phones.js';
