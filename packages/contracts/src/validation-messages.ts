/**
 * Messages for field-level validation codes, in Vietnamese (default) and English.
 * The API fills `errors[].message` from these; the web app uses the same table for
 * client-side checks so a person sees one wording whichever side caught the mistake.
 */
export type Locale = 'vi' | 'en'
type Params = Record<string, unknown>
type MessageTable = Record<string, (p: Params) => string>

const vi: MessageTable = {
  required: () => 'Trường này là bắt buộc',
  type: (p) => `Kiểu dữ liệu không hợp lệ (cần ${typeName(String(p.type ?? ''), 'vi')})`,
  minLength: (p) => (Number(p.limit) <= 1 ? 'Không được để trống' : `Tối thiểu ${String(p.limit)} ký tự`),
  maxLength: (p) => `Tối đa ${String(p.limit)} ký tự`,
  minimum: (p) => `Giá trị tối thiểu là ${String(p.limit)}`,
  maximum: (p) => `Giá trị tối đa là ${String(p.limit)}`,
  exclusiveMinimum: (p) => `Phải lớn hơn ${String(p.limit)}`,
  pattern: () => 'Sai định dạng',
  format: (p) => formatMessage(String(p.format ?? ''), 'vi'),
  enum: () => 'Giá trị không nằm trong danh sách cho phép',
  additionalProperties: (p) => `Trường không được phép: ${String(p.additionalProperty ?? '')}`,
  minProperties: () => 'Cần ít nhất một trường để cập nhật',
  minItems: (p) => `Cần ít nhất ${String(p.limit)} mục`,
  maxItems: (p) => `Tối đa ${String(p.limit)} mục`,
  unique: () => 'Giá trị này đã được sử dụng',
  not_found: () => 'Không tìm thấy bản ghi được tham chiếu',
  invalid: () => 'Giá trị không hợp lệ',
  date_order: () => 'Ngày không hợp lệ so với các ngày liên quan',
  future_date: () => 'Ngày không được ở tương lai',
  sector_mismatch: () => 'Loại hình không thuộc khu vực đã chọn',
  not_grassroots: () => 'Chỉ áp dụng cho Công đoàn cơ sở',
  citizen_id_format: () => 'Số CCCD phải gồm đúng 12 chữ số',
  citizen_id_province: () => 'Ba số đầu của CCCD không phải mã tỉnh, thành phố hợp lệ',
  citizen_id_leading_zero: () => 'Số CCCD bị mất số 0 ở đầu (Excel lưu dạng số): hãy định dạng cột là Văn bản và nhập lại',
  phone_invalid: () => 'Số điện thoại Việt Nam không hợp lệ',
  birth_date_implausible: (p) => `Ngày sinh không hợp lý: tuổi phải từ ${String(p.min ?? 15)} đến ${String(p.max ?? 100)}`,
  admitted_before_birth: () => 'Ngày kết nạp phải sau ngày sinh ít nhất 15 năm',
  date_invalid: () => 'Ngày không hợp lệ (dùng dd/mm/yyyy)',
  gender_invalid: () => 'Giới tính phải là Nam hoặc Nữ',
  duplicate_in_file: (p) => `Trùng với dòng ${String(p.row ?? '')} trong cùng tệp`,
  member_exists_elsewhere: () => 'Đoàn viên có số CCCD này đã thuộc một công đoàn khác',
  union_unknown: () => 'Không có công đoàn cơ sở với mã này trong phạm vi của bạn',
  header_missing: () => 'Thiếu cột bắt buộc',
  header_unknown: () => 'Cột không có trong mẫu',
  card_number_taken: () => 'Số thẻ đã cấp cho đoàn viên khác',
  empty_file: () => 'Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề hoặc trống)',
  file_unreadable: () => 'Không đọc được tệp: hãy lưu lại dưới dạng Excel (.xlsx) hoặc CSV',
  file_encoding: () => 'Tệp CSV không ở mã UTF-8: trong Excel chọn Lưu thành "CSV UTF-8"',
  header_duplicate: () => 'Cột bị lặp lại',
  union_required: () => 'Thiếu mã công đoàn cơ sở và chưa chọn công đoàn mặc định',
  too_many_rows: (p) => `Tệp có quá nhiều dòng: tối đa ${String(p.max ?? 1048576)} dòng`,
  not_member_of_union: () => 'Người này không phải đoàn viên đang sinh hoạt tại công đoàn này',
  text_damaged: () => 'Ô có ký tự hỏng (lỗi mã hóa): hãy gõ lại nội dung ô này',
  grassroots_required: () => 'Phải chọn một Công đoàn cơ sở',
  card_before_admission: () => 'Ngày cấp thẻ không được trước ngày kết nạp',
  before_membership_start: () => 'Ngày hiệu lực không được trước ngày bắt đầu sinh hoạt tại công đoàn hiện tại',
  before_status_date: () => 'Ngày kết nạp lại không được trước ngày thôi sinh hoạt',
  range_order: () => 'Giá trị đầu khoảng phải nhỏ hơn hoặc bằng giá trị cuối khoảng',
  term_years_order: () => 'Nhiệm kỳ phải ghi năm bắt đầu trước năm kết thúc, ví dụ 2023–2028',
  end_date_required: () => 'Cần nhập ngày kết thúc nhiệm kỳ cùng với lý do',
  same_union: () => 'Đoàn viên đang sinh hoạt tại công đoàn này',
  union_not_active: () => 'Công đoàn này đã giải thể hoặc sáp nhập',
  time_order: () => 'Giờ kết thúc phải sau giờ bắt đầu',
  session_duplicate: () => 'Hai buổi học trùng ngày và giờ bắt đầu',
  capacity_below_enrolled: (p) => `Số chỗ không được ít hơn số học viên đã ghi danh (${String(p.enrolled ?? '')})`,
  not_in_organiser_scope: () => 'Đoàn viên không thuộc đơn vị tổ chức lớp hoặc các đơn vị trực thuộc',
  member_not_active: () => 'Người này không còn là đoàn viên đang sinh hoạt',
  participant_unknown: () => 'Học viên không có trong danh sách lớp này',
  participant_withdrawn: () => 'Học viên đã rút khỏi lớp',
  session_in_future: () => 'Buổi học chưa diễn ra: chưa thể điểm danh',
  ids_or_filter: () => 'Chọn danh sách đoàn viên hoặc điều kiện lọc, không dùng cả hai',
  position_unknown: () => 'Không có chức danh với mã này',
  duplicate_entry: () => 'Mục này bị lặp lại trong danh sách',
  year_span: (p) => `Tối đa ${String(p.max ?? 20)} năm trong một báo cáo`,
  revoked_before_issue: () => 'Ngày thu hồi không được trước ngày cấp',
}

const en: MessageTable = {
  required: () => 'This field is required',
  type: (p) => `Wrong type (expected ${typeName(String(p.type ?? ''), 'en')})`,
  minLength: (p) => (Number(p.limit) <= 1 ? 'Must not be empty' : `At least ${String(p.limit)} characters`),
  maxLength: (p) => `At most ${String(p.limit)} characters`,
  minimum: (p) => `Must be at least ${String(p.limit)}`,
  maximum: (p) => `Must be at most ${String(p.limit)}`,
  exclusiveMinimum: (p) => `Must be greater than ${String(p.limit)}`,
  pattern: () => 'Invalid format',
  format: (p) => formatMessage(String(p.format ?? ''), 'en'),
  enum: () => 'Not one of the allowed values',
  additionalProperties: (p) => `Unknown field: ${String(p.additionalProperty ?? '')}`,
  minProperties: () => 'At least one field is required',
  minItems: (p) => `At least ${String(p.limit)} items`,
  maxItems: (p) => `At most ${String(p.limit)} items`,
  unique: () => 'This value is already in use',
  not_found: () => 'The referenced record does not exist',
  invalid: () => 'Invalid value',
  date_order: () => 'Date is out of order with related dates',
  future_date: () => 'Date must not be in the future',
  sector_mismatch: () => 'Kind does not belong to the chosen sector',
  not_grassroots: () => 'Only applies to grassroots unions',
  citizen_id_format: () => 'A citizen ID has exactly 12 digits',
  citizen_id_province: () => 'The first three digits of the citizen ID are not a province code',
  citizen_id_leading_zero: () => 'The citizen ID lost its leading zero (Excel stored it as a number): format the column as Text and type it again',
  phone_invalid: () => 'Not a valid Vietnamese phone number',
  birth_date_implausible: (p) => `Implausible date of birth: age must be between ${String(p.min ?? 15)} and ${String(p.max ?? 100)}`,
  admitted_before_birth: () => 'The admission date must be at least 15 years after the date of birth',
  date_invalid: () => 'Not a valid date (use dd/mm/yyyy)',
  gender_invalid: () => 'Gender must be Nam or Nữ',
  duplicate_in_file: (p) => `Same person as row ${String(p.row ?? '')} of this file`,
  member_exists_elsewhere: () => 'A member with this citizen ID belongs to another union',
  union_unknown: () => 'No grassroots union with this code in your scope',
  header_missing: () => 'A required column is missing',
  header_unknown: () => 'This column is not in the template',
  card_number_taken: () => 'This card number belongs to another member',
  empty_file: () => 'The file has no data rows (only a header, or nothing)',
  file_unreadable: () => 'The file cannot be read: save it as Excel (.xlsx) or CSV',
  file_encoding: () => 'The CSV file is not UTF-8: in Excel choose Save as "CSV UTF-8"',
  header_duplicate: () => 'This column appears twice',
  union_required: () => 'No union code, and no default union was chosen',
  too_many_rows: (p) => `Too many rows: at most ${String(p.max ?? 1048576)}`,
  not_member_of_union: () => 'This person is not a current member of this union',
  text_damaged: () => 'The cell holds damaged characters (an encoding error): type it again',
  grassroots_required: () => 'Choose a grassroots union',
  card_before_admission: () => 'The card cannot be issued before the admission date',
  before_membership_start: () => 'The effective date cannot be before the member joined the current union',
  before_status_date: () => 'Re-admission cannot be before the date the member left',
  range_order: () => 'The start of the range must not be after its end',
  term_years_order: () => 'A term runs from an earlier year to a later one, e.g. 2023–2028',
  end_date_required: () => 'Give the end date of the term together with the reason',
  same_union: () => 'The member already belongs to this union',
  union_not_active: () => 'This union has been dissolved or merged',
  time_order: () => 'The end time must be after the start time',
  session_duplicate: () => 'Two sessions share the same date and start time',
  capacity_below_enrolled: (p) => `The capacity cannot be below the participants already enrolled (${String(p.enrolled ?? '')})`,
  not_in_organiser_scope: () => "This member does not belong to the organiser's union or a unit below it",
  member_not_active: () => 'This person is not an active member',
  participant_unknown: () => 'This participant is not on the class list',
  participant_withdrawn: () => 'This participant has withdrawn from the class',
  session_in_future: () => 'The session has not taken place yet: attendance cannot be recorded',
  ids_or_filter: () => 'Give either a list of members or a filter, not both',
  position_unknown: () => 'No officer position has this code',
  duplicate_entry: () => 'This entry appears twice in the list',
  year_span: (p) => `At most ${String(p.max ?? 20)} years in one report`,
  revoked_before_issue: () => 'A certificate cannot be revoked before it was issued',
}

function typeName(type: string, locale: Locale): string {
  const names: Record<string, [string, string]> = {
    string: ['chuỗi ký tự', 'text'],
    integer: ['số nguyên', 'integer'],
    number: ['số', 'number'],
    boolean: ['đúng/sai', 'boolean'],
    object: ['đối tượng', 'object'],
    array: ['danh sách', 'array'],
    null: ['rỗng', 'null'],
  }
  const pair = names[type.split(',')[0] ?? '']
  return pair ? pair[locale === 'vi' ? 0 : 1] : type
}

function formatMessage(format: string, locale: Locale): string {
  const messages: Record<string, [string, string]> = {
    date: ['Ngày không hợp lệ (định dạng YYYY-MM-DD)', 'Invalid date (YYYY-MM-DD)'],
    'date-time': ['Thời điểm không hợp lệ', 'Invalid timestamp'],
    email: ['Email không hợp lệ', 'Invalid email address'],
    uuid: ['Mã định danh không hợp lệ', 'Invalid identifier'],
  }
  const pair = messages[format]
  if (pair) return pair[locale === 'vi' ? 0 : 1]
  return locale === 'vi' ? 'Sai định dạng' : 'Invalid format'
}

export function validationMessage(code: string, params: Params = {}, locale: Locale = 'vi'): string {
  const table = locale === 'en' ? en : vi
  const make = table[code] ?? table.invalid!
  return make(params)
}
